import { describeTelephonyDriverContract } from '../telephony-driver.contract.ts';
import { FakeTelephonyDriver } from './fake-telephony-driver.ts';

describeTelephonyDriverContract('fake', 'sim', async ({ members, clock }) => {
  const driver = new FakeTelephonyDriver({ members }, { clock });
  return { driver, pbx: driver.pbx, close: async () => undefined };
});
