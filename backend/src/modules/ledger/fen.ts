import { DataTypes, type Model, type ModelAttributeColumnOptions } from 'sequelize';
import type { Fen } from '@gasdesk/schema';

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
