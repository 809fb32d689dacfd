/** A zip archive (stored entries, fixed timestamps) of path → UTF-8 content. */
export function zipFiles(files: Record<string, string>): Buffer;
