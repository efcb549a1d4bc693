import { createLogger } from '../shared/logger.ts';
import { PbxSimulator } from '../simulator/pbx-simulator.ts';
import { describeTelephonyDriverContract } from '../telephony-driver.contract.ts';
import { AmiDriver } from './ami-driver.ts';

describeTelephonyDriverContract('AMI against the PBX simulator', 'ami', async ({ members, clock }) => {
  const sim = await PbxSimulator.start({ username: 'gasdesk', secret: 'secret', members, queues: [], clock, originateAnswerMs: 10, customerAnswerMs: 10 });
  const driver = new AmiDriver({ host: '127.0.0.1', port: sim.port, username: 'gasdesk', secret: 'secret', pingIntervalMs: 1_000 }, { clock, logger: createLogger('silent') });
  return { driver, pbx: sim.pbx, close: () => sim.close() };
});
