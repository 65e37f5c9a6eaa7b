/**
 * @module Media files for upload tests, built to their format's rules: an MP4 as ISO base media boxes.
 */

/** An ISO base media box (ISO/IEC 14496-12 §4.2): 32-bit size, four-character type, body. */
export function isoBox(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/**
 * A minimal MP4: a file type box (isom, compatible isom and mp42), a movie with its header, and media
 * data (`media`, four bytes by default; vary it for distinct files).
 */
export function minimalMp4(media: Buffer = Buffer.from([1, 2, 3, 4])): Buffer {
  return Buffer.concat([
    isoBox('ftyp', Buffer.from('isom\0\0\x02\0isommp42', 'latin1')),
    isoBox('moov', isoBox('mvhd', Buffer.alloc(100))),
    isoBox('mdat', media),
  ]);
}
