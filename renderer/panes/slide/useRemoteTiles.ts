/**
 * Tiles of a remote slide (HealthImaging) that are not there yet, or fail because the service is
 * away for now — offline, or throttled: the tile route answers 503 — are grey placeholders, and
 * the pane says the slide is offline. One failed tile is asked again every RETRY_MS; when it comes, the service is back, every
 * tile that failed is asked again and the placeholders fill in. Tiles that failed for good (not
 * stored in a sparse level, a refused request) are not asked again. OpenSeadragon's own retries
 * give up after a few tries; a train journey takes longer.
 */
import type OpenSeadragon from 'openseadragon';
import { useEffect, useState } from 'react';

/** How often a failed tile is asked again while the service is away. */
export const RETRY_MS = 5000;

export type Reachability = { offline: false } | { offline: true; reason: string };

type FailedTile = { tile: OpenSeadragon.Tile; tiledImage: OpenSeadragon.TiledImage; owner: OpenSeadragon.Viewer };

export function useRemoteTiles(viewer: OpenSeadragon.Viewer | null, remote: boolean): Reachability {
  const [state, setState] = useState<Reachability>({ offline: false });

  useEffect(() => {
    setState({ offline: false });
    if (!viewer || !remote) return;
    // The overview navigator is a viewer of its own, with its own tiles.
    const viewers = [viewer, (viewer as { navigator?: OpenSeadragon.Viewer }).navigator].filter(
      (v): v is OpenSeadragon.Viewer => !!v,
    );
    const restores = viewers.map(drawPlaceholdersUnderTiles);
    const failed = new Map<string, FailedTile>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let probing = false;
    let live = true;

    const revive = () => {
      const owners = new Set<OpenSeadragon.Viewer>();
      for (const { tile, tiledImage, owner } of failed.values()) {
        // OSD marks a failed tile as not existing and never asks for it again: undo that.
        tile.exists = true;
        tile.loading = false;
        // No public "update again" in OSD 6: its update loop skips images it thinks are settled.
        (tiledImage as unknown as { _needsUpdate: boolean })._needsUpdate = true;
        owners.add(owner);
      }
      failed.clear();
      for (const owner of owners) owner.forceRedraw();
    };

    const schedule = (ms: number) => {
      if (timer === undefined && !probing && live) timer = setTimeout(() => void probe(), ms);
    };

    const probe = async () => {
      timer = undefined;
      const [key] = failed.keys();
      if (!key) return;
      const url = failed.get(key)!.tile.getUrl();
      probing = true;
      let response: Response | null = null;
      try {
        response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      } catch {
        response = null; // the host itself is gone: offline too
      }
      const reason = response && !response.ok ? await response.text().catch(() => '') : '';
      probing = false;
      if (!live) return;
      if (response?.ok) {
        setState({ offline: false });
        revive();
      } else if (!response || response.status === 503) {
        setState({ offline: true, reason: reason || 'The slide service cannot be reached.' });
        schedule(RETRY_MS);
      } else {
        // Failed for good (404 sparse, 403, 422): not asked again; try the next one.
        failed.delete(key);
        schedule(0);
      }
    };

    const handlers = viewers.map((owner) => {
      const onFailed = (event: OpenSeadragon.TileEvent & { tiledImage?: OpenSeadragon.TiledImage }) => {
        const { tile, tiledImage } = event;
        if (!tile || !tiledImage) return;
        // The navigator's tile and the viewer's share a URL: both are kept, one probe is made.
        failed.set(`${viewers.indexOf(owner)} ${tile.getUrl()}`, { tile, tiledImage, owner });
        // A burst of failures is one probe.
        schedule(250);
      };
      const handler = onFailed as OpenSeadragon.EventHandler<OpenSeadragon.ViewerEvent>;
      owner.addHandler('tile-load-failed', handler);
      return () => owner.removeHandler('tile-load-failed', handler);
    });
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
      for (const off of [...handlers, ...restores]) off();
    };
  }, [viewer, remote]);

  return state;
}

/**
 * OSD fills a tiled image's bounds with `placeholderFillStyle` only until its first opaque tile is
 * drawn; after that a tile that never comes shows the stage through. Saying "no opaque tile yet"
 * once the tiles to draw are known (each frame, just before the drawer's check) puts the grey
 * under the tiles every frame, so each missing tile is a placeholder. The bottom image only: the
 * layers above it (fluorescence channels) are blended onto it.
 */
function drawPlaceholdersUnderTiles(viewer: OpenSeadragon.Viewer): () => void {
  type Patched = { getTilesToDraw(): unknown; _hasOpaqueTile: boolean };
  const originals = new Map<Patched, Patched['getTilesToDraw']>();
  const patch = (item: Patched) => {
    if (originals.has(item)) return;
    const original = item.getTilesToDraw;
    originals.set(item, original);
    item.getTilesToDraw = function (this: Patched) {
      const tiles = original.call(this);
      if (viewer.world.getIndexOfItem(this as unknown as OpenSeadragon.TiledImage) === 0) this._hasOpaqueTile = false;
      return tiles;
    };
  };
  for (let i = 0; i < viewer.world.getItemCount(); i++) patch(viewer.world.getItemAt(i) as unknown as Patched);
  const onAdd = (event: { item: OpenSeadragon.TiledImage }) => patch(event.item as unknown as Patched);
  viewer.world.addHandler('add-item', onAdd as unknown as OpenSeadragon.EventHandler<OpenSeadragon.WorldEvent>);
  return () => {
    viewer.world.removeHandler('add-item', onAdd as unknown as OpenSeadragon.EventHandler<OpenSeadragon.WorldEvent>);
    for (const [item, original] of originals) item.getTilesToDraw = original;
  };
}
