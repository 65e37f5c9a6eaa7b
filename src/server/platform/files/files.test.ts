/** Uploaded files: types recognised by content, safe names, and the refusals of a policy. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { isoBox, minimalMp4 } from '../../../../test/helpers/media.ts';
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

const MP4 = minimalMp4();
const box = isoBox;

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
    expect(sniffFileType(MP4)).toBe('video/mp4');
    expect(sniffFileType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(Buffer.from('MZ\x90\0'))).toBeNull();
  });

  it('takes an MP4 only as a whole chain of boxes with its movie, not "ftyp" at offset 4 (issue 21 §9)', () => {
    // What passed before: any bytes with ftyp at offset 4.
    expect(sniffFileType(Buffer.from('\0\0\0\x18ftypmp42'))).toBeNull();
    expect(
      sniffFileType(Buffer.from('\0\0\0\x18ftypisom<html><script>alert(1)</script>')),
    ).toBeNull();
    // A true ftyp box followed by anything that is not a box.
    const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0', 'latin1'));
    expect(
      sniffFileType(Buffer.concat([ftyp, Buffer.from('<html><body>hi</body></html>')])),
    ).toBeNull();
    // Boxes whose sizes run past the end, or no movie, or a brand outside the MP4 family.
    expect(sniffFileType(MP4.subarray(0, MP4.length - 1))).toBeNull();
    expect(sniffFileType(Buffer.concat([ftyp, box('mdat', Buffer.from([1]))]))).toBeNull();
    const quicktime = box('ftyp', Buffer.from('qt  \0\0\x02\0qt  ', 'latin1'));
    expect(sniffFileType(Buffer.concat([quicktime, MP4.subarray(MP4.readUInt32BE(0))]))).toBeNull();
    // A 64-bit size (size 1) and a last box running to the end (size 0) are MP4 too.
    const large = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('mdat'), Buffer.alloc(8)]);
    large.writeBigUInt64BE(20n, 8);
    const open = Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from('mdat'), Buffer.from([9])]);
    const head = MP4.subarray(0, MP4.length - 12);
    expect(sniffFileType(Buffer.concat([head, large, Buffer.from([1, 2, 3, 4])]))).toBe(
      'video/mp4',
    );
    expect(sniffFileType(Buffer.concat([head, open]))).toBe('video/mp4');
  });

  it('strips right-to-left overrides and other bidi, zero-width and control characters from names', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE makes "照片\u202Egpj.exe" read as "照片exe.jpg".
    expect(cleanFileName('照片\u202Egpj.exe')).toBe('照片gpj.exe');
    expect(cleanFileName('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i.pdf')).toBe(
      'abcdefghi.pdf',
    );
    expect(cleanFileName('\u200Ex\u200F\u061C\u200B\uFEFFy\u2028\u2029\u0085\u009B.png')).toBe(
      'xy.png',
    );
    expect(cleanFileName('\u202E')).toBe('evidence');
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
