import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ChargeKind, UserCategory } from '@gasdesk/schema';

/** 价格表: the company's prices of one charge kind for one user category; its prices are its versions. */
export class Tariff extends Model<InferAttributes<Tariff>, InferCreationAttributes<Tariff>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare code: string;
  declare name: string;
  declare category: UserCategory;
  declare chargeKind: ChargeKind;
  /** 科目代码: where the revenue of this charge is booked. */
  declare accountingCode: string;
  /** An inactive list charges nothing on new bills; its versions stay for rebilling. */
  declare active: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Tariff.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        code: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(64), allowNull: false },
        category: { type: DataTypes.STRING(32), allowNull: false },
        chargeKind: { type: DataTypes.STRING(32), allowNull: false },
        accountingCode: { type: DataTypes.STRING(32), allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'tariffs' },
    );
  }
}
