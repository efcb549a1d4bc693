import { AmiDriver, type AmiDriverDeps, type AmiDriverSettings } from './ami/ami-driver.ts';
import { FakeTelephonyDriver, type FakeDriverSettings } from './fake/fake-telephony-driver.ts';
import type { Clock } from './shared/clock.ts';
import { SipDriver, type SipDriverDeps, type SipDriverSettings } from './sip/sip-driver.ts';
import type { TelephonyDriver } from './telephony-driver.ts';

/** Telephony drivers by name; a new PBX or protocol is a new entry here. */
export const telephonyDrivers = {
  ami: (settings: AmiDriverSettings, deps: AmiDriverDeps): TelephonyDriver => new AmiDriver(settings, deps),
  fake: (settings: FakeDriverSettings, deps: { clock: Clock }): TelephonyDriver => new FakeTelephonyDriver(settings, deps),
  sip: (settings: SipDriverSettings, deps: SipDriverDeps): TelephonyDriver => new SipDriver(settings, deps),
};

export type TelephonyDriverName = keyof typeof telephonyDrivers;

/** Creates the driver registered under `name` with that driver's own settings. */
export function createTelephonyDriver<N extends TelephonyDriverName>(name: N, ...args: Parameters<(typeof telephonyDrivers)[N]>): TelephonyDriver {
  const factory = telephonyDrivers[name] as (...factoryArgs: Parameters<(typeof telephonyDrivers)[N]>) => TelephonyDriver;
  return factory(...args);
}
