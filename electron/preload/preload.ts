/**
 * The preload of the Triptych window. Sandboxed: bundled into one CommonJS file whose only
 * require is 'electron'. Exposes exactly the contract on `window.triptych`, nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('triptych', createBridge(ipcRenderer, webUtils));
