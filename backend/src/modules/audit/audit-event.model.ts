import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { AuditAction } from '@gasdesk/schema';

/**
 * One audit record. Append-only: the service never updates or deletes one. Records of a company
 * form a chain: `hash` covers the record and the previous record's hash.
 */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  /** 0 is the platform chain: events before any company is known (a failed login with an unknown name). */
  declare companyId: number;
  declare seq: number;
  declare action: AuditAction;
  declare actorUserId: number | null;
  declare actorUsername: string | null;
  declare targetType: string | null;
  declare targetId: string | null;
  declare ip: string | null;
  declare details: string;
  declare prevHash: string;
  declare hash: string;
  declare createdAt: Date;

  static initialize(sequelize: Sequelize): void {
    AuditEvent.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.STRING(64), allowNull: false },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        actorUsername: { type: DataTypes.STRING(64), allowNull: true },
        targetType: { type: DataTypes.STRING(64), allowNull: true },
        targetId: { type: DataTypes.STRING(64), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        details: { type: DataTypes.TEXT, allowNull: false },
        prevHash: { type: DataTypes.STRING(64), allowNull: false },
        hash: { type: DataTypes.STRING(64), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'audit_events', timestamps: false },
    );
  }
}

/** The head of each company's chain, locked while a record is appended so records never fork. */
export class AuditChainHead extends Model<InferAttributes<AuditChainHead>, InferCreationAttributes<AuditChainHead>> {
  declare companyId: number;
  declare lastSeq: number;
  declare lastHash: string;

  static initialize(sequelize: Sequelize): void {
    AuditChainHead.init(
      {
        companyId: { type: DataTypes.INTEGER, primaryKey: true },
        lastSeq: { type: DataTypes.INTEGER, allowNull: false },
        lastHash: { type: DataTypes.STRING(64), allowNull: false },
      },
      { sequelize, tableName: 'audit_chain_heads', timestamps: false },
    );
  }
}
