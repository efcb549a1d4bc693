import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';
import { Decimal } from 'decimal.js';

/**
 * A DECIMAL column read back as a decimal string with a fixed scale. MySQL returns DECIMAL as a
 * string already; SQLite returns a number, so the getter writes both the same way (`"12.500"`).
 */
export function decimalColumn(attribute: string, precision: number, scale: number, allowNull: boolean): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.DECIMAL(precision, scale),
    allowNull,
    get(this: Model) {
      const raw = this.getDataValue(attribute) as string | number | null;
      return raw === null || raw === undefined ? raw : new Decimal(raw).toFixed(scale);
    },
  };
}

/**
 * A small set of names kept as a JSON array in a text column, sorted and without duplicates, so
 * that two equal sets are equal strings (the audit compares them that way).
 */
export function nameSetColumn<T extends string>(attribute: string): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull: false,
    get(this: Model) {
      return JSON.parse((this.getDataValue(attribute) as string | null) ?? '[]') as T[];
    },
    set(this: Model, value: readonly T[]) {
      this.setDataValue(attribute, JSON.stringify([...new Set(value)].sort()));
    },
  };
}

/**
 * A structured value kept as JSON in a text column. The value is checked against its contract
 * before it is written, so reading it back trusts it.
 */
export function jsonColumn<T>(attribute: string): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull: false,
    get(this: Model) {
      return JSON.parse(this.getDataValue(attribute) as string) as T;
    },
    set(this: Model, value: T) {
      this.setDataValue(attribute, JSON.stringify(value));
    },
  };
}
