import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { decimalColumn } from '../../db/columns.ts';

/**
 * 合同: a commercial, industrial or public-welfare account's negotiated terms from `startsOn` to
 * `endsOn` (inclusive; null: open-ended). Its gas prices are price versions with `contractId`.
 * An account's contracts never overlap.
 */
export class Contract extends Model<InferAttributes<Contract>, InferCreationAttributes<Contract>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare contractNo: string;
  declare accountId: number;
  declare startsOn: string;
  declare endsOn: string | null;
  /** 最低用气量, m³ a month, as a decimal string with three places. */
  declare minimumMonthlyVolume: string | null;
  declare billingDay: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Contract.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        contractNo: { type: DataTypes.STRING(32), allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: false },
        startsOn: { type: DataTypes.DATEONLY, allowNull: false },
        endsOn: { type: DataTypes.DATEONLY, allowNull: true },
        minimumMonthlyVolume: decimalColumn('minimumMonthlyVolume', 14, 3, true),
        billingDay: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'contracts' },
    );
  }
}
