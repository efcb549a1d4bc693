import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Fen } from '@gasdesk/schema';
import { fenColumn } from '../../db/columns.ts';

/**
 * What an account owes, kept so that a balance costs one row rather than a sum over its history.
 * A cache of the sum of the account's receivable entries, moved in the same database transaction
 * as every posting; `npm run check:ledger` compares the two.
 */
export class AccountBalance extends Model<InferAttributes<AccountBalance>, InferCreationAttributes<AccountBalance>> {
  declare accountId: number;
  declare companyId: number;
  /** Signed fen: positive, the customer owes; negative, the customer is in credit. */
  declare balanceFen: Fen;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    AccountBalance.init(
      {
        accountId: { type: DataTypes.INTEGER, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        balanceFen: fenColumn('balanceFen'),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'account_balances', createdAt: false },
    );
  }
}
