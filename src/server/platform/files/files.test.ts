/** Uploaded files: types recognised by content, safe names, and the refusals of a policy. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  acceptFile,
  cleanFileName,
  evidencePolicy,
  megabytes,
  photoPolicy,
  sha256Of,
  sniffFileType,
} from './files.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function refusal(run: () => unknown): { status: number; message: string; path?: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) {
      return { status: e.status, message: e.message, path: e.details[0]?.path };
    }
    throw e;
  }
  throw new Error('not refused');
}

describe('file type sniffing and file names', () => {
  it('recognises the accepted types by their first bytes, whatever the name', () => {
    expect(sniffFileType(PNG)).toBe('image/png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffFileType(Buffer.from('\0\0\0\x18ftypmp42'))).toBe('video/mp4');
    expect(sniffFileType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(Buffer.from('MZ\x90\0'))).toBeNull();
  });

  it('keeps only the base name, without control characters or quotes', () => {
    expect(cleanFileName('..\\..\\windows\\照片.png')).toBe('照片.png');
    expect(cleanFileName('/etc/"pass\u0000wd"')).toBe('passwd');
    expect(cleanFileName('')).toBe('evidence');
    expect(cleanFileName('', 'photo')).toBe('photo');
  });
});

describe('accepting a file under a policy', () => {
  it('answers the file ready to store: its type by content, size, SHA-256 and clean name', () => {
    const f = acceptFile(evidencePolicy, { fileName: 'a/b/现场.jpg', data: PNG });
    expect(f).toMatchObject({
      fileName: '现场.jpg',
      contentType: 'image/png',
      sizeBytes: PNG.length,
    });
    expect(f.sha256).toBe(sha256Of(PNG));
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an empty file (400), one over the size (413) and a type not accepted (415)', () => {
    const photos = photoPolicy(1000);
    expect(refusal(() => acceptFile(photos, { fileName: 'x', data: Buffer.alloc(0) }))).toEqual({
      status: 400,
      message: '照片为空',
      path: 'file',
    });
    const big = Buffer.concat([PNG, Buffer.alloc(1000)]);
    expect(refusal(() => acceptFile(photos, { fileName: 'x', data: big })).status).toBe(413);
    const pdf = Buffer.from('%PDF-1.7\n');
    expect(refusal(() => acceptFile(photos, { fileName: 'x.png', data: pdf })).status).toBe(415);
    expect(acceptFile(evidencePolicy, { fileName: 'x.pdf', data: pdf }).contentType).toBe(
      'application/pdf',
    );
  });

  it('says a limit in MB as it was set', () => {
    expect(megabytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(megabytes(5_000_000)).toBe('5 MB');
  });
});
