// Small real files for evidence uploads. Types are what libmagic sniffs from the bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// A real 2x2 JPEG (made by Chromium's canvas encoder).
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCXACrg/9k=',
  'base64',
);

// A real 2x2 PNG.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4AWI6w2D8H4SZGKAAAAAA//+SpZ8GAAAABklEQVQDADVGBAEW62cdAAAAAElFTkSuQmCC',
  'base64',
);

// A minimal PDF document.
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

// An ELF executable (this machine's /bin/true), to be uploaded under an image name.
export const ELF = readFileSync('/bin/true');

// The head of a Windows PE executable.
export const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.from([0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8]),
  Buffer.alloc(0x3c - 17),
  Buffer.from([0x80, 0x00, 0x00, 0x00]),
  Buffer.alloc(0x80 - 0x40),
  Buffer.from('PE\0\0'),
  Buffer.from([0x4c, 0x01]),
  Buffer.alloc(200),
]);

// An HTML page with script: must never be accepted as evidence nor served as HTML.
export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n');

// A JPEG of about `size` bytes: the real JPEG with a padding comment segments after SOI,
// so libmagic still sees a JPEG.
export function jpegOfSize(size) {
  const segs = [JPEG.subarray(0, 2)];
  let remaining = size - JPEG.length;
  while (remaining > 4) {
    const n = Math.min(remaining - 4, 65533);
    const seg = Buffer.alloc(4 + n, 0x41);
    seg[0] = 0xff;
    seg[1] = 0xfe; // COM
    seg.writeUInt16BE(n + 2, 2);
    segs.push(seg);
    remaining -= 4 + n;
  }
  segs.push(JPEG.subarray(2));
  return Buffer.concat(segs);
}

export function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex');
}

// A one-page PDF with these text lines in Helvetica (ASCII without ( ) \\), written by hand
// with a correct cross-reference table; no lines is a PDF without text, as a scan without
// OCR is to pdftotext.
export function pdfOfLines(lines) {
  let content = 'BT /F1 10 Tf 14 TL 50 800 Td\n';
  for (const l of lines) content += `(${l}) Tj T*\n`;
  content += 'ET\n';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
