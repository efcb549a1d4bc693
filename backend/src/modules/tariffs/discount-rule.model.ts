import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { AccountFlag, ChargeKind, DiscountForm, UserCategory } from '@gasdesk/schema';
import { jsonColumn, nameSetColumn } from '../../db/columns.ts';

/** 优惠规则: taken off one charge kind after rating, when the account and the bill period qualify. */
export class DiscountRule extends Model<InferAttributes<DiscountRule>, InferCreationAttributes<DiscountRule>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare code: string;
  declare name: string;
  declare chargeKind: ChargeKind;
  /** Empty: any category. */
  declare categories: UserCategory[];
  /** The account must carry all of them. */
  declare flags: AccountFlag[];
  declare validFrom: string | null;
  declare validTo: string | null;
  /** Stored as JSON; checked against the `DiscountForm` contract before it is written. */
  declare form: DiscountForm;
  declare accountingCode: string;
  declare active: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    DiscountRule.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        code: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(64), allowNull: false },
        chargeKind: { type: DataTypes.STRING(32), allowNull: false },
        categories: nameSetColumn<UserCategory>('categories'),
        flags: nameSetColumn<AccountFlag>('flags'),
        validFrom: { type: DataTypes.DATEONLY, allowNull: true },
        validTo: { type: DataTypes.DATEONLY, allowNull: true },
        form: jsonColumn<DiscountForm>('form'),
        accountingCode: { type: DataTypes.STRING(32), allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'discount_rules' },
    );
  }
}
