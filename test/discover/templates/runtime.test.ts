import { describe, expect, it } from 'vitest';
import { mapRuntime } from '../../../src/discover/templates/runtime.js';

describe('runtime mapping', () => {
  it.each([
    ['nodejs22.x', 'nodejs', '22', false],
    ['nodejs20.x', 'nodejs', '20', true],
    ['nodejs14.x', 'nodejs', '14', true],
    ['python3.13', 'python', '3.13', false],
    ['python3.7', 'python', '3.7', true],
    ['java21', 'java', '21', false],
    ['java8.al2', 'java', '8', true],
    ['dotnet8', 'dotnet', '8', true], // deprecated 2026-11-10, before LIFECYCLE_AS_OF
    ['dotnet6', 'dotnet', '6', true],
    ['ruby3.3', 'ruby', '3.3', false],
    ['ruby2.7', 'ruby', '2.7', true],
    ['go1.x', 'go', '1', true],
    ['provided.al2023', 'custom', undefined, false],
    ['provided', 'custom', undefined, true],
  ])('%s → %s %s (deprecated: %s)', (id, language, version, deprecated) => {
    const { info, known } = mapRuntime(id);
    expect(known).toBe(true);
    expect(info.language).toBe(language);
    expect(info.version).toBe(version);
    expect(Boolean(info.deprecated)).toBe(deprecated);
  });

  it('treats ids newer than the lifecycle table as current, not invalid', () => {
    for (const id of ['nodejs26.x', 'python3.15', 'ruby4.0', 'dotnet10', 'java25']) {
      const { info, known } = mapRuntime(id);
      expect(known, id).toBe(true);
      expect(info.deprecated).toBeUndefined();
    }
  });

  it('marks a typo like provided.al2023023 unknown instead of guessing', () => {
    expect(mapRuntime('provided.al2023023')).toEqual({ info: { id: 'provided.al2023023', language: 'unknown' }, known: false });
  });
});
