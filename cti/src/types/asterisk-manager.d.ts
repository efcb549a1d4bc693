// asterisk-manager 0.2 ships no types. Only what the cti uses is declared.
declare module 'asterisk-manager' {
  /**
   * A parsed AMI message: header names lower-cased; `variable`/`chanvariable` as objects;
   * other repeated headers as arrays.
   */
  type RawMessage = Record<string, string | string[] | Record<string, string> | undefined>;

  /** Header names are written with the first letter upper-cased; object values become `Key: name=value` lines. */
  type RawAction = Record<string, string | number | Record<string, string> | undefined> & { action: string; actionid?: string };

  interface ManagerInstance {
    connect(port: number, host: string, callback?: () => void): void;
    /** Sends Login; the callback gets the error response when the login is refused. */
    login(callback?: (error?: RawMessage) => void): void;
    /** Returns the ActionID; the callback gets (error response | undefined, response). */
    action(action: RawAction, callback?: (error: RawMessage | undefined, response: RawMessage) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: 'managerevent' | 'response', listener: (message: RawMessage) => void): void;
    on(event: 'close' | 'end' | 'connect', listener: () => void): void;
    on(event: 'error', listener: (error: Error) => void): void;
    removeListener(event: string, listener: (...args: never[]) => void): void;
    removeAllListeners(event: string): void;
  }

  /** Called without `new`; with a port it connects (and logs in) at once, without one it waits for `connect()`. */
  function Manager(port?: number, host?: string, username?: string, password?: string, events?: boolean): ManagerInstance;
  namespace Manager {
    export type Instance = ManagerInstance;
    export type Message = RawMessage;
    export type Action = RawAction;
  }
  export = Manager;
}
