/**
 * QR codes for the projector (qrcode-generator, MIT, no network): a pure module matrix, and an
 * SVG element drawn with DOM calls (one path; no innerHTML).
 */
import qrcode from 'qrcode-generator';

/** The dark/light modules of a QR code for `text` (error correction M, smallest version that fits). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** An SVG path ("M x y h1 v1 h-1 z" per dark module) for a matrix, with a quiet zone of `margin`. */
export function qrPath(m: boolean[][], margin = 4): { d: string; size: number } {
  let d = '';
  m.forEach((row, r) => row.forEach((dark, c) => { if (dark) d += `M${c + margin} ${r + margin}h1v1h-1z`; }));
  return { d, size: m.length + margin * 2 };
}

const SVG = 'http://www.w3.org/2000/svg';

/** A scalable black-on-white QR code element for `text`. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const { d, size } = qrPath(qrMatrix(text));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(size));
  bg.setAttribute('height', String(size));
  bg.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  return svg;
}
