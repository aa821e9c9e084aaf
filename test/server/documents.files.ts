import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';

/** Test files built byte by byte: a real PDF with text, a password-protected one, a decompression bomb, a .docx. */

function pdf(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const pageObjects = (content: string, filter = '') => [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  `<< /Length ${Buffer.byteLength(content, 'latin1')} ${filter}>>\nstream\n${content}\nendstream`,
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
];

const pdfString = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

/** A one-page PDF whose lines are the given sentences. */
export function textPdf(lines: string[]): Buffer {
  const ops = lines.map((l, i) => `BT /F1 11 Tf 40 ${740 - i * 16} Td (${pdfString(l)}) Tj ET`).join('\n');
  return pdf(pageObjects(ops));
}

/** A PDF encrypted with the standard handler and a user password nobody gave us. */
export function passwordPdf(): Buffer {
  const hex = (n: number) => randomBytes(n).toString('hex');
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${hex(32)}> /U <${hex(32)}> >>`;
  return pdf([...pageObjects('BT /F1 11 Tf 40 740 Td (secret) Tj ET'), encrypt], `/Encrypt 6 0 R /ID [<${hex(16)}> <${hex(16)}>] `);
}

/** A small PDF whose compressed page stream inflates to millions of characters of text. */
export function bombPdf(): Buffer {
  const line = `BT /F1 1 Tf 0 0 Td (${'A'.repeat(200)}) Tj ET\n`;
  const inflated = line.repeat(30_000);
  const stream = deflateSync(Buffer.from(inflated, 'latin1'), { level: 9 }).toString('latin1');
  return pdf(pageObjects(stream, '/Filter /FlateDecode '));
}

/** A minimal Word document with one paragraph per line. */
export async function docx(lines: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const paragraphs = lines
    .map((l) => `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`)
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
