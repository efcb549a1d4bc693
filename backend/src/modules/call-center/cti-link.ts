import { randomBytes } from 'node:crypto';
import { CtiService, InProcessCallEventSink, PbxSimulator, createTelephonyDriver, type PbxSimulatorOptions } from '@gasdesk/cti';
import { Op } from 'sequelize';
import type { Container } from '../../container.ts';
import { runAsSystem } from '../../shared/request-context.ts';
import { Customer, CustomerPhone } from '../customers/customer.model.ts';
import { User } from '../users/user.model.ts';
import { DriverCtiCommands } from './cti-commands.ts';

export interface CtiLink {
  /** The simulator when the process plays the PBX itself (no `AMI_HOST`), for tests and the demo. */
  simulator: PbxSimulator | null;
  cti: CtiService;
  close(): Promise<void>;
}

/**
 * The all-in-one process's telephony: a CtiService in this process whose events go straight to the
 * call-center consumer and whose driver takes the agents' commands. Against the real PBX when
 * `AMI_HOST` is set; otherwise against the PBX simulator on 127.0.0.1, in demo mode when asked.
 */
export async function startCtiLink(
  c: Container,
  options: { demo: boolean; simulator?: Pick<PbxSimulatorOptions, 'queues' | 'members' | 'originateAnswerMs' | 'customerAnswerMs' | 'recordCalls'> },
): Promise<CtiLink> {
  const { config, logger, clock } = c;
  let simulator: PbxSimulator | null = null;
  let ami: { host: string; port: number; username: string; secret: string };
  if (config.AMI_HOST) {
    ami = { host: config.AMI_HOST, port: config.AMI_PORT, username: config.AMI_USERNAME!, secret: config.AMI_SECRET! };
  } else {
    const secret = randomBytes(16).toString('hex');
    // The demo records its calls, as most call centers' PBXs do, so the log shows recording references.
    simulator = await PbxSimulator.start({ recordCalls: options.demo, ...options.simulator, username: 'gasdesk', secret });
    ami = { host: '127.0.0.1', port: simulator.port, username: 'gasdesk', secret };
  }
  const driver = createTelephonyDriver('ami', { ...ami, source: simulator ? 'sim' : 'ami' }, { clock, logger });
  const sink = new InProcessCallEventSink();
  const cti = new CtiService({ driver, sink, clock, logger }, { timeZone: config.COMPANY_TIME_ZONE });
  const unsubscribe = await sink.subscribe((event) => void c.callEvents.handle(event));
  const detach = c.callCenter.attachCti(new DriverCtiCommands(driver));
  const detachPractice = simulator ? c.practiceCalls.attach(simulator) : () => {};
  await cti.start();
  const demo = simulator && options.demo ? simulator.startDemo({ ...(await demoCallers()), meanIntervalMs: config.DEMO_CALL_SECONDS * 1000 }) : null;
  if (demo) logger.info({ everySeconds: config.DEMO_CALL_SECONDS }, 'PBX simulator in demo mode: demo customers are calling');
  return {
    simulator,
    cti,
    async close() {
      demo?.stop();
      detachPractice();
      detach();
      await cti.stop();
      await unsubscribe();
      await sink.close();
      await simulator?.close();
    },
  };
}

/** Phones of a few hundred formal customers (the simulator adds unknown numbers itself) and every extension. */
async function demoCallers(): Promise<{ callerNumbers: string[]; agents: string[] }> {
  return runAsSystem('demo calls', async () => {
    const [phones, agents] = await Promise.all([
      CustomerPhone.findAll({ attributes: ['e164'], include: [{ model: Customer, as: 'customer', attributes: [], required: true, where: { status: 'formal' } }], limit: 300 }),
      User.findAll({ where: { extension: { [Op.ne]: null }, disabled: false }, attributes: ['extension'], order: [['extension', 'ASC']] }),
    ]);
    return { callerNumbers: phones.map((p) => p.e164), agents: agents.map((u) => u.extension!) };
  });
}
