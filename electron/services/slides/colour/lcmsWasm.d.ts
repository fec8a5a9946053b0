/** The part of lcms-wasm 1.0.5 we use (the package ships no type declarations). Handles are numbers. */
declare module 'lcms-wasm' {
  export type LcmsModule = {
    cmsOpenProfileFromMem(bytes: Uint8Array, size: number): number;
    cmsCreate_sRGBProfile(): number;
    cmsCloseProfile(profile: number): void;
    cmsGetProfileInfoASCII(profile: number, info: number, language: string, country: string): string;
    cmsGetColorSpaceASCII(profile: number): string | null;
    cmsCreateTransform(
      input: number,
      inputFormat: number,
      output: number,
      outputFormat: number,
      intent: number,
      flags: number,
    ): number;
    cmsDeleteTransform(transform: number): void;
    cmsDoTransform(transform: number, input: ArrayLike<number>, pixels: number): Uint8Array | Uint16Array | Float32Array;
    cmsReadTag_XYZ(profile: number, signature: number): Float64Array | null;
  };
  export function instantiate(options?: {
    wasmBinary?: ArrayBufferLike | Uint8Array;
    locateFile?: (name: string) => string;
  }): Promise<LcmsModule>;
  export const TYPE_RGB_8: number;
  export const TYPE_RGB_16: number;
  export const INTENT_PERCEPTUAL: number;
  export const INTENT_RELATIVE_COLORIMETRIC: number;
  export const cmsInfoDescription: number;
  export const cmsFLAGS_NOCACHE: number;
}
