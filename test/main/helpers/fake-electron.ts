// The smallest Electron the main process bundle can boot against in Node (Electron's binary cannot
// run here; faking it is the one fake the project allows). It keeps Electron's rules that matter
// to the wiring: privileged schemes and the sandbox switch only before 'ready', protocol.handle
// only after it, one ipcMain handler per channel, 'web-contents-created' for every window, and
// records what the app asked for so a test can check it.
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => unknown;

export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
  processId: number;
  frameToken: string;
}

let nextId = 1;

export class FakeEvent {
  defaultPrevented = false;
  readonly url: string;
  constructor(url = '') {
    this.url = url;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame = { url: '', origin: 'null', parent: null, processId: 100 + this.id, frameToken: `token-${this.id}` };
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** A navigation the page starts: true when it went ahead. */
  navigate(url: string): boolean {
    const event = new FakeEvent(url);
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
}

export class FakeSession {
  readonly name: string;
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((...args: unknown[]) => boolean) | undefined;
  devicePermission: ((...args: unknown[]) => boolean) | undefined;
  certificateVerifyProc: ((request: unknown, callback: (result: number) => void) => void) | undefined;
  beforeRequest: { filter: { urls: string[] }; listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void } | undefined;
  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void => {
      this.beforeRequest = { filter, listener };
    },
  };
  constructor(name: string) {
    this.name = name;
  }
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']): void {
    this.devicePermission = handler;
  }
  setCertificateVerifyProc(proc: FakeSession['certificateVerifyProc']): void {
    this.certificateVerifyProc = proc;
  }
}

export interface FakeElectron {
  readonly module: Readonly<Record<string, unknown>>;
  readonly calls: string[];
  readonly windows: FakeBrowserWindowInstance[];
  readonly handlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  readonly privileged: unknown[];
  readonly protocolHandlers: Map<string, (request: { method: string; url: string }) => Promise<Response>>;
  readonly paths: Map<string, string>;
  readonly defaultSession: FakeSession;
  readonly partitions: Map<string, FakeSession>;
  readonly opened: string[];
  readonly app: FakeApp;
  ready(): void;
}

export type FakeApp = EventEmitter & { quitCalls: number; exitCode: number | undefined; quit(): void };

export interface FakeBrowserWindowInstance extends EventEmitter {
  readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly loaded: string[];
  shown: boolean;
  isDestroyed(): boolean;
}

export function fakeElectron(tempDir: string): FakeElectron {
  const calls: string[] = [];
  let isReady = false;
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const paths = new Map<string, string>([['appData', `${tempDir}/appData`], ['downloads', `${tempDir}/downloads`]]);
  const windows: FakeBrowserWindowInstance[] = [];
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: { method: string; url: string }) => Promise<Response>>();
  const defaultSession = new FakeSession('default');
  const partitions = new Map<string, FakeSession>();
  const opened: string[] = [];

  const app = Object.assign(new EventEmitter(), { quitCalls: 0, exitCode: undefined as number | undefined, quit: () => undefined }) as FakeApp & Record<string, unknown>;
  Object.assign(app, {
    isPackaged: false,
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    enableSandbox: () => {
      if (isReady) throw new Error('app.enableSandbox() can only be called before app is ready');
      calls.push('enableSandbox');
    },
    setPath: (name: string, path: string) => {
      calls.push(`setPath:${name}`);
      paths.set(name, path);
    },
    getPath: (name: string) => {
      const path = paths.get(name);
      if (!path) throw new Error(`Failed to get '${name}' path`);
      return path;
    },
    getVersion: () => '0.1.0',
    setAppUserModelId: () => undefined,
    whenReady: () => readyPromise,
    isReady: () => isReady,
    quit: () => {
      app.quitCalls++;
      const event = new FakeEvent();
      app.emit('before-quit', event);
      if (!event.defaultPrevented) calls.push('quit');
    },
    exit: (code: number) => {
      app.exitCode = code;
    },
  });

  class BrowserWindow extends EventEmitter implements FakeBrowserWindowInstance {
    readonly options: FakeBrowserWindowInstance['options'];
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    shown = false;
    private destroyed = false;
    constructor(options: FakeBrowserWindowInstance['options']) {
      super();
      if (!isReady) throw new Error('Cannot create BrowserWindow before app is ready');
      this.options = options;
      windows.push(this);
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      this.webContents.mainFrame.url = url;
      const parsed = new URL(url);
      this.webContents.mainFrame.origin = parsed.protocol === 'app:' ? `app://${parsed.host}` : parsed.origin;
      this.emit('ready-to-show');
    }
    show(): void {
      this.shown = true;
    }
    focus(): void {}
    restore(): void {}
    isMinimized(): boolean {
      return false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
    }
  }

  const module = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        calls.push('registerSchemesAsPrivileged');
        privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: { method: string; url: string }) => Promise<Response>) => {
        if (!isReady) throw new Error('protocol.handle should be called after app is ready');
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession,
      fromPartition: (name: string) => {
        if (!partitions.has(name)) partitions.set(name, new FakeSession(name));
        return partitions.get(name);
      },
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void handlers.delete(channel),
      // electron-store listens here for renderer processes that use it (this app's do not).
      on: (channel: string, _listener: Listener) => void calls.push(`ipcMain.on:${channel}`),
    },
    // Linux without a keyring: what this machine would report.
    safeStorage: {
      getSelectedStorageBackend: () => 'basic_text',
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async () => {
        throw new Error('basic_text must not be used');
      },
      decryptStringAsync: async () => {
        throw new Error('basic_text must not be used');
      },
    },
    shell: {
      openExternal: async (url: string) => void opened.push(url),
      openPath: async () => '',
    },
    dialog: {
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    },
  };

  return {
    module,
    calls,
    windows,
    handlers,
    privileged,
    protocolHandlers,
    paths,
    defaultSession,
    partitions,
    opened,
    app,
    ready() {
      isReady = true;
      calls.push('ready');
      resolveReady();
    },
  };
}
