import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';
import { Decimal } from 'decimal.js';
import type { Fen } from '@gasdesk/schema';

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

/**
 * An amount of fen as the database gives it back: mysql2 returns BIGINT and SUM(...) as strings
 * (`bigNumberStrings`, so that nothing passes through a float), SQLite returns numbers. Anything
 * that is not an integer within ±2^53 is refused rather than rounded: money is never approximated.
 */
export function fenFrom(raw: unknown): Fen {
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : typeof raw === 'bigint' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new RangeError(`not a whole amount of fen within ±2^53: ${String(raw)}`);
  return value as Fen;
}

/** A BIGINT fen column read back as a number through `fenFrom`. */
export function fenColumn(attribute: string): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.BIGINT,
    allowNull: false,
    get(this: Model) {
      return fenFrom(this.getDataValue(attribute));
    },
  };
}
