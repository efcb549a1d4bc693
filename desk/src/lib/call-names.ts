import type { AgentStateName, CallDirection, CallStatus, Disposition } from '@gasdesk/schema';
import { isMessageKey, t } from './i18n.svelte.ts';

/*
 * Names of the call center's vocabularies. Closed ones (dispositions, agent states, directions,
 * call statuses) build their keys from the schema's enums, so a new value without a translation
 * fails the type check. Queues, lanes and pause reasons are configured in the PBX or typed by
 * people: an unknown one shows as it is.
 */
export const dispositionName = (v: Disposition): string => t(`disposition.${v}`);
export const agentStateName = (v: AgentStateName): string => t(`agentState.${v}`);
export const callDirectionName = (v: CallDirection): string => t(`callDirection.${v}`);
export const callStatusName = (v: CallStatus): string => t(`callStatus.${v}`);

function openName(prefix: string, value: string | null | undefined): string {
  if (!value) return '—';
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

export const queueName = (queue: string | null | undefined): string => openName('queue', queue);
export const laneName = (lane: string | null | undefined): string => openName('lane', lane);

/** The pause reasons the desk offers; the reason travels as this code and is named on display. */
export const PAUSE_REASONS = ['meal', 'training', 'meeting', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const pauseReasonName = (reason: string | null | undefined): string => openName('pauseReason', reason);

/** The gas-odour priority lane: the IVR's emergency branch, or its queue. Shown in red everywhere. */
export const EMERGENCY_QUEUE = 'gas-emergency';
export function isEmergency(call: { lane?: string | null; queue?: string | null }): boolean {
  return call.lane === 'emergency' || call.queue === EMERGENCY_QUEUE;
}

/** `45 秒`, `3 分 05 秒`, `1 时 12 分`: a duration in whole seconds for tables and tiles. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('duration.s', { s });
  if (s < 3600) return t('duration.ms', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return t('duration.hms', { h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

/** `03:07` or `1:02:07`: a running timer, the same in both languages. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Seconds from an ISO time to `now` (ms), never negative: a PC clock a little behind the server's. */
export function secondsSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.floor((now - at) / 1000));
}
