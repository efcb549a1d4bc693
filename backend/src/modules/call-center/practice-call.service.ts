import type { PbxSimulator } from '@gasdesk/cti';
import type { PracticeCallAvailability, PracticeCallBody, PracticeCallPlaced } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { requireUser } from '../../shared/request-context.ts';
import { User } from '../users/user.model.ts';

/**
 * Practice calls: where the process plays the PBX itself (no `AMI_HOST`), an agent can ring their
 * own phone with a call from any number, to learn the desk or to show it. A real PBX takes no
 * orders to invent callers, so there it is refused.
 */
export class PracticeCallService {
  private simulator: PbxSimulator | null = null;

  /** The simulated PBX of this process; returns the detach. */
  attach(simulator: PbxSimulator): () => void {
    this.simulator = simulator;
    return () => {
      if (this.simulator === simulator) this.simulator = null;
    };
  }

  availability(): PracticeCallAvailability {
    return { available: this.simulator !== null };
  }

  async place(body: PracticeCallBody): Promise<PracticeCallPlaced> {
    if (!this.simulator) throw new AppError('conflict', 'practice calls need the simulated PBX; this installation is connected to a real one');
    const user = await User.findByPk(requireUser().userId);
    if (!user?.extension) throw new AppError('conflict', 'you have no extension');
    const result = this.simulator.placePracticeCall({
      callerNumber: body.callerNumber,
      extension: user.extension,
      ...(body.queue && { queue: body.queue }),
      ...(body.ivrAccount && { ivrAccount: body.ivrAccount }),
      answerAfterMs: body.answerAfterSeconds * 1000,
      talkMs: body.talkSeconds === null ? null : body.talkSeconds * 1000,
    });
    if (result.placed) return { callId: result.callId, queue: result.queue };
    if (result.reason === 'no_such_queue') throw AppError.invalid('queue', 'the PBX has no such queue');
    throw new AppError('conflict', 'your phone rings only in queues where you are ready: set yourself ready first');
  }
}
