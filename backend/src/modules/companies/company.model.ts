import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { BusinessHall } from './business-hall.model.ts';

export class Company extends Model<InferAttributes<Company>, InferCreationAttributes<Company>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare shortName: string;
  declare timeZone: string;
  /** Account numbers are the prefix and a zero-padded counter: `QJ00001234`. */
  declare accountNoPrefix: CreationOptional<string>;
  declare accountNoDigits: CreationOptional<number>;
  /** Telephone area code without the leading 0 (571 for Hangzhou): completes local landline numbers. */
  declare areaCode: CreationOptional<string>;
  /** Overrides of the meter-reading rules (JSON; see readings/reading-rules.ts), null for the defaults. */
  declare readingRules: CreationOptional<string | null>;
  /** Billing settings (JSON over `DEFAULT_BILLING_SETTINGS`; see tariffs/billing-settings.ts), null for the defaults. */
  declare billingSettings: CreationOptional<string | null>;
  declare halls?: NonAttribute<BusinessHall[]>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Company.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(128), allowNull: false },
        shortName: { type: DataTypes.STRING(32), allowNull: false },
        timeZone: { type: DataTypes.STRING(64), allowNull: false },
        accountNoPrefix: { type: DataTypes.STRING(8), allowNull: false, defaultValue: '' },
        accountNoDigits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 8 },
        areaCode: { type: DataTypes.STRING(4), allowNull: false, defaultValue: '' },
        readingRules: { type: DataTypes.TEXT, allowNull: true },
        billingSettings: { type: DataTypes.TEXT, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      // A company is its own tenant: the caller sees the company whose id is theirs.
      { sequelize, tableName: 'companies', tenantKey: 'id' } as Parameters<typeof Company.init>[1],
    );
  }
}
