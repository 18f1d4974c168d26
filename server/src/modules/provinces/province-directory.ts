import { DataSource } from 'typeorm';
import { Province } from './province.entity';

/**
 * Provinces are reference data that change only with a migration (the 2025 reform), so the server
 * reads them once at start and answers from memory: no statement per request for province lookups.
 */
export class ProvinceDirectory {
  private readonly byId = new Map<number, Province>();
  private readonly byCode = new Map<string, Province>();

  constructor(provinces: Province[]) {
    for (const p of provinces) {
      this.byId.set(p.id, p);
      this.byCode.set(p.code, p);
    }
  }

  static async load(ds: DataSource): Promise<ProvinceDirectory> {
    return new ProvinceDirectory(await ds.getRepository(Province).find({ order: { id: 'ASC' } }));
  }

  all(): Province[] {
    return [...this.byId.values()];
  }

  byIdOrThrow(id: number): Province {
    const p = this.byId.get(id);
    if (!p) throw new Error(`unknown province id ${id}`);
    return p;
  }

  findByCode(code: string): Province | undefined {
    return this.byCode.get(code);
  }

  /** Provinces merged into this one (Bình Dương and Bà Rịa–Vũng Tàu for TP. Hồ Chí Minh). */
  predecessorsOf(id: number): Province[] {
    return this.all().filter((p) => p.mergedIntoId === id);
  }

  /** The province itself and every predecessor, recursively: the provinces its users act in. */
  jurisdictionOf(id: number): number[] {
    const result = [id];
    for (let i = 0; i < result.length; i++) {
      for (const p of this.predecessorsOf(result[i])) result.push(p.id);
    }
    return result;
  }
}
