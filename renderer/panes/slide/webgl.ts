/**
 * Whether WebGL is rendered in software (SwiftShader, llvmpipe, …): headless Chromium, VMs and remote
 * desktops. OpenSeadragon 6's WebGL drawer draws about 3 frames per second there, against about 55
 * with its canvas drawer, so the viewer picks its drawer from this.
 */
let cached: { software: boolean; renderer: string } | null = null;

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen|lavapipe/i;

export function webglRenderer(): { software: boolean; renderer: string } {
  if (cached) return cached;
  let renderer = '';
  let software = true;
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      software = SOFTWARE.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    } else {
      renderer = 'no WebGL';
    }
  } catch {
    renderer = 'no WebGL';
  }
  cached = { software, renderer };
  return cached;
}
