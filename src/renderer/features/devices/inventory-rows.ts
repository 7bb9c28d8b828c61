// The Devices page's rows: one windowed view of the offline inventory for the window's life,
// so leaving the page and coming back keeps the cache and the view.
import { call } from '../../bridge/bridge.ts';
import { DeviceWindows } from './device-windows.ts';

export const inventoryRows = new DeviceWindows((request) => call((api) => api.devices.window(request)));
