import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { CallDirection, CallEndReason, CallStatus, Disposition } from '@gasdesk/schema';

/** One agent's leg of one PBX call: what the call log shows and the wrap-up completes. */
export class Call extends Model<InferAttributes<Call>, InferCreationAttributes<Call>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare pbxCallId: string;
  declare agentExtension: string;
  declare direction: CallDirection;
  declare status: CallStatus;
  /** E.164 when the number could be read, the raw caller id otherwise; null when withheld. */
  declare callerE164: string | null;
  declare queue: string | null;
  declare lane: string | null;
  declare agentId: number | null;
  declare customerId: number | null;
  declare accountId: number | null;
  declare queuedAt: Date | null;
  declare ringingAt: Date | null;
  declare answeredAt: Date | null;
  declare endedAt: Date | null;
  declare startedAt: Date;
  declare waitSeconds: number | null;
  declare talkSeconds: number | null;
  declare endReason: CallEndReason | null;
  declare transferTarget: string | null;
  declare disposition: Disposition | null;
  declare note: string | null;
  declare wrappedUpAt: Date | null;
  declare recordingRef: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Call.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        pbxCallId: { type: DataTypes.STRING(64), allowNull: false },
        agentExtension: { type: DataTypes.STRING(16), allowNull: false },
        direction: { type: DataTypes.STRING(8), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        callerE164: { type: DataTypes.STRING(32), allowNull: true },
        queue: { type: DataTypes.STRING(64), allowNull: true },
        lane: { type: DataTypes.STRING(32), allowNull: true },
        agentId: { type: DataTypes.INTEGER, allowNull: true },
        customerId: { type: DataTypes.INTEGER, allowNull: true },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        queuedAt: { type: DataTypes.DATE(3), allowNull: true },
        ringingAt: { type: DataTypes.DATE(3), allowNull: true },
        answeredAt: { type: DataTypes.DATE(3), allowNull: true },
        endedAt: { type: DataTypes.DATE(3), allowNull: true },
        startedAt: { type: DataTypes.DATE(3), allowNull: false },
        waitSeconds: { type: DataTypes.INTEGER, allowNull: true },
        talkSeconds: { type: DataTypes.INTEGER, allowNull: true },
        endReason: { type: DataTypes.STRING(16), allowNull: true },
        transferTarget: { type: DataTypes.STRING(32), allowNull: true },
        disposition: { type: DataTypes.STRING(32), allowNull: true },
        note: { type: DataTypes.TEXT, allowNull: true },
        wrappedUpAt: { type: DataTypes.DATE(3), allowNull: true },
        recordingRef: { type: DataTypes.STRING(255), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'calls' },
    );
  }
}

/** A PBX queue and the company whose customers call it; an extension ringing for the queue is that company's user. */
export class CallQueue extends Model<InferAttributes<CallQueue>, InferCreationAttributes<CallQueue>> {
  declare name: string;
  declare companyId: number;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    CallQueue.init(
      {
        name: { type: DataTypes.STRING(64), primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'call_queues', updatedAt: false },
    );
  }
}
