import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { ReadingFaultCode, ReadingTaskStatus } from '@gasdesk/schema';
import type { ReadingBook } from './reading-book.model.ts';

/** One round of a reading book in one period (`YYYY-MM`). */
export class ReadingCycle extends Model<InferAttributes<ReadingCycle>, InferCreationAttributes<ReadingCycle>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare bookId: number;
  declare period: string;
  declare status: 'open' | 'closed';
  declare readerId: number | null;
  declare plannedOn: string;
  declare closedAt: Date | null;
  declare book?: NonAttribute<ReadingBook>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    ReadingCycle.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        bookId: { type: DataTypes.INTEGER, allowNull: false },
        period: { type: DataTypes.STRING(7), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        readerId: { type: DataTypes.INTEGER, allowNull: true },
        plannedOn: { type: DataTypes.DATEONLY, allowNull: false },
        closedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'reading_cycles' },
    );
  }
}

/** 抄表任务: a cycle's expected reading of one meter; it points at the reading that answered it. */
export class ReadingTask extends Model<InferAttributes<ReadingTask>, InferCreationAttributes<ReadingTask>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare cycleId: number;
  declare accountId: number;
  declare meterId: number;
  declare sequence: number;
  declare status: ReadingTaskStatus;
  declare readingId: number | null;
  declare faultCode: ReadingFaultCode | null;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    ReadingTask.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        cycleId: { type: DataTypes.INTEGER, allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: false },
        meterId: { type: DataTypes.INTEGER, allowNull: false },
        sequence: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        readingId: { type: DataTypes.INTEGER, allowNull: true },
        faultCode: { type: DataTypes.STRING(32), allowNull: true },
        note: { type: DataTypes.STRING(200), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'reading_tasks' },
    );
  }
}
