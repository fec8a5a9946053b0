/**
 * The slide's OpenSeadragon items ("layers"): one for a brightfield slide, one per optical path for
 * fluorescence (blended additively: compositeOperation 'lighter', each tinted in the decoder). A
 * change of focal plane, window or colour does not blank the view: the new item loads hidden
 * (opacity 0, preload) over the old one and replaces it once fully loaded.
 */
import type OpenSeadragon from 'openseadragon';
import { renderKey, type RenderOptions } from './decode/pixels.js';
import type { TileQuery } from './osdTileSource.js';

export type LayerSpec = {
  id: string;
  query: TileQuery;
  render: RenderOptions;
  visible: boolean;
  composite?: 'lighter';
};

type Layer = {
  spec: LayerSpec;
  item: OpenSeadragon.TiledImage | null;
  incoming: OpenSeadragon.TiledImage | null;
  generation: number;
};

const sourceKey = (spec: LayerSpec) => `${spec.query.z}/${spec.query.path}/${renderKey(spec.render)}/${spec.composite ?? ''}`;

/** Longest a replacement waits to be fully loaded before it is shown anyway. */
const SWAP_TIMEOUT_MS = 3000;

export class LayerManager {
  private readonly layers = new Map<string, Layer>();

  constructor(
    private readonly viewer: OpenSeadragon.Viewer,
    private readonly makeSource: (spec: LayerSpec) => OpenSeadragon.TileSource,
  ) {}

  /** Open the viewer on these layers (the 'open' event fires once they are all in). */
  open(specs: LayerSpec[]): void {
    this.layers.clear();
    for (const spec of specs) this.layers.set(spec.id, { spec, item: null, incoming: null, generation: 0 });
    this.viewer.addOnceHandler('open', () => {
      specs.forEach((spec, index) => {
        const layer = this.layers.get(spec.id);
        if (layer) layer.item = this.viewer.world.getItemAt(index);
      });
    });
    this.viewer.open(
      specs.map((spec) => ({
        tileSource: this.makeSource(spec),
        opacity: spec.visible ? 1 : 0,
        ...(spec.composite ? { compositeOperation: spec.composite } : {}),
      })) as unknown as Parameters<OpenSeadragon.Viewer['open']>[0],
    );
  }

  /** The first shown item (for coordinate conversions). */
  get reference(): OpenSeadragon.TiledImage | null {
    return this.viewer.world.getItemCount() ? this.viewer.world.getItemAt(0) : null;
  }

  update(specs: LayerSpec[]): void {
    for (const spec of specs) {
      const layer = this.layers.get(spec.id);
      if (!layer || !layer.item) continue;
      const previous = layer.spec;
      layer.spec = spec;
      if (sourceKey(previous) !== sourceKey(spec)) this.replace(layer);
      else if (previous.visible !== spec.visible && !layer.incoming) layer.item.setOpacity(spec.visible ? 1 : 0);
    }
  }

  private replace(layer: Layer): void {
    const generation = ++layer.generation;
    if (layer.incoming) {
      this.viewer.world.removeItem(layer.incoming);
      layer.incoming = null;
    }
    const { spec } = layer;
    this.viewer.addTiledImage({
      tileSource: this.makeSource(spec),
      opacity: 0,
      preload: true,
      ...(spec.composite ? { compositeOperation: spec.composite } : {}),
      success: (event: { item: OpenSeadragon.TiledImage }) => {
        const item = event.item;
        if (generation !== layer.generation) {
          this.viewer.world.removeItem(item);
          return;
        }
        layer.incoming = item;
        let done = false;
        const show = () => {
          if (done || generation !== layer.generation) return;
          done = true;
          clearTimeout(timer);
          const old = layer.item;
          item.setOpacity(layer.spec.visible ? 1 : 0);
          layer.item = item;
          layer.incoming = null;
          if (old) this.viewer.world.removeItem(old);
        };
        const timer = setTimeout(show, SWAP_TIMEOUT_MS);
        if (item.getFullyLoaded()) show();
        else
          item.addHandler('fully-loaded-change', (e: { fullyLoaded: boolean }) => {
            if (e.fullyLoaded) show();
          });
      },
    } as unknown as Parameters<OpenSeadragon.Viewer['addTiledImage']>[0]);
  }
}
