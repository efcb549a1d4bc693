import type { ReadingSchedule } from '@gasdesk/schema';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { fenColumn, jsonColumn } from '../../db/columns.ts';

export type BillingRunStatus = 'pending' | 'running' | 'done' | 'failed';

/** 计费批次: bills a company's accounts (or one reading book's, or those of the books on one reading schedule) for a period. */
export class BillingRun extends Model<InferAttributes<BillingRun>, InferCreationAttributes<BillingRun>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare period: string;
  declare bookCode: string | null;
  declare schedule: ReadingSchedule | null;
  declare billDate: string;
  declare status: BillingRunStatus;
  declare partitions: number;
  declare partitionsDone: number;
  declare accounts: number;
  declare billed: number;
  declare skipped: number;
  declare totalFen: number;
  /** Fen by charge kind. */
  declare totals: Record<string, number>;
  /** Skipped accounts by reason. */
  declare skips: Record<string, number>;
  declare requestedBy: number | null;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    BillingRun.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        period: { type: DataTypes.STRING(7), allowNull: false },
        bookCode: { type: DataTypes.STRING(32), allowNull: true },
        schedule: { type: DataTypes.STRING(16), allowNull: true },
        billDate: { type: DataTypes.DATEONLY, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        partitions: { type: DataTypes.INTEGER, allowNull: false },
        partitionsDone: { type: DataTypes.INTEGER, allowNull: false },
        accounts: { type: DataTypes.INTEGER, allowNull: false },
        billed: { type: DataTypes.INTEGER, allowNull: false },
        skipped: { type: DataTypes.INTEGER, allowNull: false },
        totalFen: fenColumn('totalFen'),
        totals: jsonColumn<Record<string, number>>('totals'),
        skips: jsonColumn<Record<string, number>>('skips'),
        requestedBy: { type: DataTypes.INTEGER, allowNull: true },
        startedAt: { type: DataTypes.DATE(3), allowNull: true },
        finishedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'billing_runs' },
    );
  }
}

/** A range of account ids of a run, billed in one transaction: done, or not at all. */
export class BillingRunPartition extends Model<InferAttributes<BillingRunPartition>, InferCreationAttributes<BillingRunPartition>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare runId: number;
  declare seq: number;
  declare firstAccountId: number;
  declare lastAccountId: number;
  declare status: 'pending' | 'done';
  declare accounts: number;
  declare billed: number;
  declare skipped: number;
  declare totalFen: number;
  declare totals: Record<string, number>;
  declare skips: Record<string, number>;
  declare skippedAccounts: [number, string][];
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    BillingRunPartition.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        runId: { type: DataTypes.INTEGER, allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        firstAccountId: { type: DataTypes.INTEGER, allowNull: false },
        lastAccountId: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        accounts: { type: DataTypes.INTEGER, allowNull: false },
        billed: { type: DataTypes.INTEGER, allowNull: false },
        skipped: { type: DataTypes.INTEGER, allowNull: false },
        totalFen: fenColumn('totalFen'),
        totals: jsonColumn<Record<string, number>>('totals'),
        skips: jsonColumn<Record<string, number>>('skips'),
        skippedAccounts: jsonColumn<[number, string][]>('skippedAccounts'),
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'billing_run_partitions' },
    );
  }
}
