import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { StockMovementKind } from '@gasdesk/schema';
import type { Meter } from './meter.model.ts';

/**
 * 库存变动: one meter leaving and/or entering a warehouse. Append-only; stock levels are the sum
 * of movements into a warehouse minus those out of it.
 */
export class StockMovement extends Model<InferAttributes<StockMovement>, InferCreationAttributes<StockMovement>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare meterId: number;
  declare kind: StockMovementKind;
  declare fromWarehouseId: number | null;
  declare toWarehouseId: number | null;
  declare accountId: number | null;
  declare movedOn: string;
  declare note: string;
  declare userId: number | null;
  declare meter?: NonAttribute<Meter>;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    StockMovement.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        meterId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        fromWarehouseId: { type: DataTypes.INTEGER, allowNull: true },
        toWarehouseId: { type: DataTypes.INTEGER, allowNull: true },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        movedOn: { type: DataTypes.DATEONLY, allowNull: false },
        note: { type: DataTypes.STRING(200), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'stock_movements', updatedAt: false },
    );
  }
}
