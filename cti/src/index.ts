// @gasdesk/cti: what the backend's processes (the all-in-one, later the SIP driver's host) use.
export * from './telephony-driver.ts';
export { telephonyDrivers, createTelephonyDriver, type TelephonyDriverName } from './telephony-driver-registry.ts';
export type { PbxCall, PbxSnapshot, QueueSummary } from './pbx-snapshot.ts';
export type { IncomingCall, PbxControl } from './pbx-control.ts';
export { AmiDriver, type AmiDriverDeps, type AmiDriverSettings } from './ami/ami-driver.ts';
export { FakeTelephonyDriver, type FakeDriverSettings } from './fake/fake-telephony-driver.ts';
export { CtiService, type CtiServiceDeps, type CtiServiceOptions } from './cti-service.ts';
export { DEFAULT_CALL_STATE_OPTIONS, initialCallState, reduceCallState, type CallState, type CallStateInput, type CallStateOptions, type Reduction } from './call-state/call-state.ts';
export { wallboardSnapshot } from './call-state/wallboard.ts';
export { callEventsChannel, type CallEventSink } from './sinks/call-event-sink.ts';
export { InProcessCallEventSink } from './sinks/in-process-call-event-sink.ts';
export { RedisCallEventSink } from './sinks/redis-call-event-sink.ts';
export { PbxSimulator, type PbxSimulatorOptions } from './simulator/pbx-simulator.ts';
export type { DemoOptions } from './simulator/demo.ts';
export type { LoadOptions, LoadRun } from './simulator/load.ts';
export type { PracticeCallRequest, PracticeCallResult } from './simulator/practice-call.ts';
export type { MemberConfig } from './simulator/sim-types.ts';
export { ManualClock, systemClock, type Clock } from './shared/clock.ts';
