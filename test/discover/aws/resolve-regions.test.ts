import { describe, expect, it } from 'vitest';
import { resolveRegions } from '../../../src/discover/aws/index.js';
import { LAMBDA_REGIONS } from '../../../src/discover/aws/lambda-regions.js';
import { nameFilter } from '../../../src/discover/aws/function-glob.js';

describe('resolveRegions', () => {
  it('takes --region, then AWS_REGION, then AWS_DEFAULT_REGION; sorted and unique', () => {
    expect(resolveRegions({ regions: ['us-west-2', 'eu-west-1', 'us-west-2'], env: { AWS_REGION: 'ap-south-1' } })).toEqual(['eu-west-1', 'us-west-2']);
    expect(resolveRegions({ env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'eu-north-1' } })).toEqual(['ap-south-1']);
    expect(resolveRegions({ env: { AWS_DEFAULT_REGION: 'eu-north-1' } })).toEqual(['eu-north-1']);
  });
  it('expands all to the fixed Lambda region list', () => {
    expect(resolveRegions({ regions: ['all'], env: {} })).toEqual([...LAMBDA_REGIONS].sort());
    expect(LAMBDA_REGIONS).toContain('us-east-1');
  });
  it('is a usage error without a region or with a malformed one', () => {
    expect(() => resolveRegions({ env: {} })).toThrow(/no AWS region/);
    expect(() => resolveRegions({ regions: ['useast1'], env: {} })).toThrow(/not an AWS region/);
  });
});

describe('--function globs', () => {
  it('matches whole names with * and ?', () => {
    const keep = nameFilter(['api-*', 'job-?']);
    expect(['api-x', 'api-', 'job-1', 'job-12', 'my-api-x'].filter(keep)).toEqual(['api-x', 'api-', 'job-1']);
    expect(nameFilter(undefined)('anything')).toBe(true);
    expect(nameFilter(['a.b'])('axb')).toBe(false);
  });
});
