import { events, type ConnectionStatus } from './events.ts';

/** What the header indicator shows; fed only by the event bus. */
class ConnectionState {
  status = $state<ConnectionStatus>('offline');

  constructor() {
    events.on('connection:status', ({ status }) => {
      this.status = status;
    });
  }
}

export const connection = new ConnectionState();
