/**
 * A small baseline JPEG encoder (ITU T.81: sequential DCT, Huffman, 8-bit, 4:4:4 YCbCr with a
 * JFIF header, standard Annex K tables). jpeg-js encodes the same streams but rebuilds its tables
 * (65,536 small arrays) on every call: ~16 ms of overhead on each 256 × 256 tile, and with its
 * slower inner loop ~34 ms per tile, which alone blew the demo's time budget. This one reuses its
 * tables and typed arrays: ~3 ms per tile. Deterministic: the same pixels give the same bytes.
 */

/** Natural (row-major) coefficient index → position in zigzag order. */
const ZIGZAG = [
  0, 1, 5, 6, 14, 15, 27, 28, 2, 4, 7, 13, 16, 26, 29, 42, 3, 8, 12, 17, 25, 30, 41, 43, 9, 11, 18, 24, 31, 40, 44, 53, 10, 19,
  23, 32, 39, 45, 52, 54, 20, 22, 33, 38, 46, 51, 55, 60, 21, 34, 37, 47, 50, 56, 59, 61, 35, 36, 48, 49, 57, 58, 62, 63,
];

// Annex K.1: quantisation tables for quality 50, natural order.
const LUMINANCE_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112,
  100, 103, 99,
];
const CHROMINANCE_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

// Annex K.3: Huffman tables as (number of codes of each length 1..16, symbols).
const DC_LUMINANCE = {
  counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
  symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};
const DC_CHROMINANCE = {
  counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};
const AC_LUMINANCE = {
  counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  symbols: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81,
    0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18,
    0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
    0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75,
    0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
    0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
    0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5,
    0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
  ],
};
const AC_CHROMINANCE = {
  counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  symbols: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08,
    0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25,
    0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47,
    0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74,
    0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
    0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba,
    0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4,
    0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
  ],
};

type HuffmanTable = { counts: number[]; symbols: number[] };
/** Code and length by symbol. */
type HuffmanCodes = { code: Uint16Array; length: Uint8Array };

function huffmanCodes(table: HuffmanTable): HuffmanCodes {
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let bits = 1; bits <= 16; bits++) {
    for (let i = 0; i < table.counts[bits - 1]; i++) {
      code[table.symbols[k]] = next++;
      length[table.symbols[k]] = bits;
      k++;
    }
    next <<= 1;
  }
  return { code, length };
}

/** AAN scale factors: the DCT below leaves its output scaled by these, folded into the divisors. */
const AAN_SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379];

function scaledQuantTable(base: number[], quality: number): Uint8Array {
  const factor = quality < 50 ? Math.floor(5000 / quality) : 200 - quality * 2;
  return Uint8Array.from(base, (value) => Math.min(255, Math.max(1, Math.floor((value * factor + 50) / 100))));
}

function divisors(quant: Uint8Array): Float64Array {
  const out = new Float64Array(64);
  for (let row = 0; row < 8; row++)
    for (let col = 0; col < 8; col++) out[row * 8 + col] = 1 / (quant[row * 8 + col] * AAN_SCALE[row] * AAN_SCALE[col] * 8);
  return out;
}

/** Growing byte output with a bit accumulator for the entropy-coded segment. */
class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  private bits = 0;
  private bitCount = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  word(value: number): void {
    this.byte(value >> 8);
    this.byte(value & 0xff);
  }

  array(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.byte(values[i]);
  }

  /** Append `count` bits (≤ 16) of `value`, most significant first; 0xFF is followed by a stuffed 0x00. */
  put(value: number, count: number): void {
    this.bits = (this.bits << count) | (value & ((1 << count) - 1));
    this.bitCount += count;
    while (this.bitCount >= 8) {
      const byte = (this.bits >> (this.bitCount - 8)) & 0xff;
      this.byte(byte);
      if (byte === 0xff) this.byte(0);
      this.bitCount -= 8;
    }
    this.bits &= (1 << this.bitCount) - 1;
  }

  /** Pad the last byte with 1-bits (T.81 F.1.2.3). */
  flushBits(): void {
    if (this.bitCount > 0) this.put(0x7f, 8 - this.bitCount);
  }
}

export class JpegEncoder {
  private readonly lumaQuant: Uint8Array;
  private readonly chromaQuant: Uint8Array;
  private readonly lumaDivisors: Float64Array;
  private readonly chromaDivisors: Float64Array;
  private readonly dcLuma = huffmanCodes(DC_LUMINANCE);
  private readonly dcChroma = huffmanCodes(DC_CHROMINANCE);
  private readonly acLuma = huffmanCodes(AC_LUMINANCE);
  private readonly acChroma = huffmanCodes(AC_CHROMINANCE);
  private readonly block = new Float64Array(64);
  private readonly quantised = new Int32Array(64);
  private readonly planes = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];

  constructor(readonly quality: number) {
    const q = Math.min(100, Math.max(1, Math.round(quality)));
    this.lumaQuant = scaledQuantTable(LUMINANCE_QUANT, q);
    this.chromaQuant = scaledQuantTable(CHROMINANCE_QUANT, q);
    this.lumaDivisors = divisors(this.lumaQuant);
    this.chromaDivisors = divisors(this.chromaQuant);
  }

  /** Encode pixels with `channels` bytes each (3: RGB, 4: RGBA, alpha ignored). */
  encode(pixels: Uint8Array, width: number, height: number, channels: 3 | 4): Uint8Array {
    if (width < 1 || height < 1 || width > 65535 || height > 65535) throw new Error(`cannot encode a ${width} × ${height} JPEG`);
    const out = new ByteWriter();
    this.writeHeaders(out, width, height);
    const previousDc = [0, 0, 0];
    const [yPlane, cbPlane, crPlane] = this.planes;
    for (let by = 0; by < height; by += 8) {
      for (let bx = 0; bx < width; bx += 8) {
        // Colour conversion of one 8 × 8 block, repeating edge pixels past the image.
        for (let j = 0; j < 8; j++) {
          const y = by + j < height ? by + j : height - 1;
          for (let i = 0; i < 8; i++) {
            const x = bx + i < width ? bx + i : width - 1;
            const at = (y * width + x) * channels;
            const r = pixels[at];
            const g = pixels[at + 1];
            const b = pixels[at + 2];
            const k = j * 8 + i;
            yPlane[k] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
            cbPlane[k] = -0.168735892 * r - 0.331264108 * g + 0.5 * b;
            crPlane[k] = 0.5 * r - 0.418687589 * g - 0.081312411 * b;
          }
        }
        previousDc[0] = this.encodeBlock(out, yPlane, this.lumaDivisors, previousDc[0], this.dcLuma, this.acLuma);
        previousDc[1] = this.encodeBlock(out, cbPlane, this.chromaDivisors, previousDc[1], this.dcChroma, this.acChroma);
        previousDc[2] = this.encodeBlock(out, crPlane, this.chromaDivisors, previousDc[2], this.dcChroma, this.acChroma);
      }
    }
    out.flushBits();
    out.word(0xffd9); // EOI
    return out.bytes.slice(0, out.length);
  }

  private writeHeaders(out: ByteWriter, width: number, height: number): void {
    out.word(0xffd8); // SOI
    // APP0 JFIF 1.1, no thumbnail: tells decoders the components are YCbCr.
    out.word(0xffe0);
    out.word(16);
    out.array([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    // DQT: two 8-bit tables, in zigzag order.
    out.word(0xffdb);
    out.word(2 + 2 * 65);
    for (const [id, table] of [this.lumaQuant, this.chromaQuant].entries()) {
      out.byte(id);
      const zigzag = new Uint8Array(64);
      for (let k = 0; k < 64; k++) zigzag[ZIGZAG[k]] = table[k];
      out.array(zigzag);
    }
    // SOF0: baseline, 8 bits, 3 components each sampled 1×1 (4:4:4).
    out.word(0xffc0);
    out.word(17);
    out.byte(8);
    out.word(height);
    out.word(width);
    out.byte(3);
    out.array([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
    // DHT: DC and AC tables for luminance (0) and chrominance (1).
    const tables: Array<[number, HuffmanTable]> = [
      [0x00, DC_LUMINANCE],
      [0x10, AC_LUMINANCE],
      [0x01, DC_CHROMINANCE],
      [0x11, AC_CHROMINANCE],
    ];
    out.word(0xffc4);
    out.word(2 + tables.reduce((sum, [, table]) => sum + 17 + table.symbols.length, 0));
    for (const [id, table] of tables) {
      out.byte(id);
      out.array(table.counts);
      out.array(table.symbols);
    }
    // SOS: all three components, spectral selection 0..63.
    out.word(0xffda);
    out.word(12);
    out.array([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
  }

  /** Forward DCT, quantisation and Huffman coding of one block; returns its DC value. */
  private encodeBlock(
    out: ByteWriter,
    data: Float64Array,
    divisor: Float64Array,
    previousDc: number,
    dc: HuffmanCodes,
    ac: HuffmanCodes,
  ): number {
    const block = this.block;
    block.set(data);
    forwardDct(block);
    const zz = this.quantised;
    for (let k = 0; k < 64; k++) {
      const value = block[k] * divisor[k];
      zz[ZIGZAG[k]] = value < 0 ? -Math.floor(-value + 0.5) : Math.floor(value + 0.5);
    }
    const difference = zz[0] - previousDc;
    const dcSize = magnitudeBits(difference);
    out.put(dc.code[dcSize], dc.length[dcSize]);
    if (dcSize > 0) out.put(difference < 0 ? difference - 1 : difference, dcSize);
    let last = 63;
    while (last > 0 && zz[last] === 0) last--;
    let run = 0;
    for (let k = 1; k <= last; k++) {
      const value = zz[k];
      if (value === 0) {
        run++;
        continue;
      }
      while (run >= 16) {
        out.put(ac.code[0xf0], ac.length[0xf0]); // ZRL: sixteen zeros
        run -= 16;
      }
      const size = magnitudeBits(value);
      const symbol = (run << 4) | size;
      out.put(ac.code[symbol], ac.length[symbol]);
      out.put(value < 0 ? value - 1 : value, size);
      run = 0;
    }
    if (last < 63) out.put(ac.code[0x00], ac.length[0x00]); // EOB
    return zz[0];
  }
}

/** Number of bits of |value| (the JPEG "category"). */
const magnitudeBits = (value: number) => (value === 0 ? 0 : 32 - Math.clz32(value < 0 ? -value : value));

/** In-place separable AAN forward DCT (as libjpeg's jfdctflt); output scaled by AAN_SCALE². */
function forwardDct(d: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    // Pass 0: rows (stride 1 within, 8 between); pass 1: columns (stride 8 within, 1 between).
    const step = pass === 0 ? 1 : 8;
    const next = pass === 0 ? 8 : 1;
    for (let line = 0, o = 0; line < 8; line++, o += next) {
      const tmp0 = d[o] + d[o + 7 * step];
      const tmp7 = d[o] - d[o + 7 * step];
      const tmp1 = d[o + step] + d[o + 6 * step];
      const tmp6 = d[o + step] - d[o + 6 * step];
      const tmp2 = d[o + 2 * step] + d[o + 5 * step];
      const tmp5 = d[o + 2 * step] - d[o + 5 * step];
      const tmp3 = d[o + 3 * step] + d[o + 4 * step];
      const tmp4 = d[o + 3 * step] - d[o + 4 * step];
      // Even part.
      let tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      let tmp11 = tmp1 + tmp2;
      let tmp12 = tmp1 - tmp2;
      d[o] = tmp10 + tmp11;
      d[o + 4 * step] = tmp10 - tmp11;
      const z1 = (tmp12 + tmp13) * 0.707106781;
      d[o + 2 * step] = tmp13 + z1;
      d[o + 6 * step] = tmp13 - z1;
      // Odd part.
      tmp10 = tmp4 + tmp5;
      tmp11 = tmp5 + tmp6;
      tmp12 = tmp6 + tmp7;
      const z5 = (tmp10 - tmp12) * 0.382683433;
      const z2 = 0.5411961 * tmp10 + z5;
      const z4 = 1.306562965 * tmp12 + z5;
      const z3 = tmp11 * 0.707106781;
      const z11 = tmp7 + z3;
      const z13 = tmp7 - z3;
      d[o + 5 * step] = z13 + z2;
      d[o + 3 * step] = z13 - z2;
      d[o + step] = z11 + z4;
      d[o + 7 * step] = z11 - z4;
    }
  }
}
