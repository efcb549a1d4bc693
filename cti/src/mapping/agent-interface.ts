import type { AgentRef } from '@gasdesk/schema';

/**
 * The device of a channel name: Asterisk names a channel `<device>-<sequence>`, and Local
 * channels add `;1`/`;2` for their two halves. `PJSIP/7001-0000002a` → `PJSIP/7001`,
 * `Local/7001@from-queue-00000003;1` → `Local/7001@from-queue`.
 */
export function deviceOfChannel(channel: string): string {
  return channel.replace(/;\d+$/, '').replace(/-[0-9a-f]+$/i, '');
}

/**
 * The agent's extension in a member interface or device: `PJSIP/7001`, `SIP/7001`,
 * `Local/7001@from-queue/n` and `PJSIP/7001@pbx` all give `7001`.
 */
export function extensionOfInterface(iface: string): string {
  const slash = iface.indexOf('/');
  const resource = slash >= 0 ? iface.slice(slash + 1) : iface;
  return resource.split(/[@/]/)[0] ?? resource;
}

/** The agent a member interface stands for. */
export function agentOfInterface(iface: string): AgentRef {
  return { extension: extensionOfInterface(iface), interface: iface };
}
