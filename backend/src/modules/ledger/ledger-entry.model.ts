import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { fenColumn } from '../../db/columns.ts';

/** 分录: one signed amount in one book; the entries of a transaction sum to zero. Written once, never changed. */
export class LedgerEntry extends Model<InferAttributes<LedgerEntry>, InferCreationAttributes<LedgerEntry>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare transactionId: number;
  /** `receivable`, `revenue:gas`, `discount:gas`… (LedgerBook in schema). */
  declare book: string;
  /** The customer account, on `receivable` entries. */
  declare accountId: number | null;
  /** The company's chart-of-accounts code (科目代码) from the charge kind's price list. */
  declare accountingCode: string | null;
  /** Signed fen, debit positive. */
  declare amountFen: number;

  static initialize(sequelize: Sequelize): void {
    LedgerEntry.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        transactionId: { type: DataTypes.INTEGER, allowNull: false },
        book: { type: DataTypes.STRING(48), allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        accountingCode: { type: DataTypes.STRING(32), allowNull: true },
        amountFen: fenColumn('amountFen'),
      },
      { sequelize, tableName: 'ledger_entries', timestamps: false },
    );
  }
}
