import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Pricing } from '@gasdesk/schema';
import { jsonColumn } from '../../db/columns.ts';

/**
 * 价格版本: prices in force from `effectiveFrom`, of a price list or of a contract (exactly one).
 * Written once: a price changes by a new version, never by editing one a bill may have used.
 */
export class PriceVersion extends Model<InferAttributes<PriceVersion>, InferCreationAttributes<PriceVersion>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare tariffId: number | null;
  declare contractId: number | null;
  declare effectiveFrom: string;
  /** Stored as JSON; checked against the `Pricing` contract before it is written. */
  declare pricing: Pricing;
  declare note: string;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    PriceVersion.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        tariffId: { type: DataTypes.INTEGER, allowNull: true },
        contractId: { type: DataTypes.INTEGER, allowNull: true },
        effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false },
        pricing: jsonColumn<Pricing>('pricing'),
        note: { type: DataTypes.STRING(200), allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      {
        sequelize,
        tableName: 'price_versions',
        updatedAt: false,
        validate: {
          oneOwner(this: PriceVersion) {
            if ((this.tariffId === null) === (this.contractId === null)) throw new Error('a price version belongs to a price list or to a contract');
          },
        },
      },
    );
  }
}
