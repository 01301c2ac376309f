import type { Db } from '../store/database.js';
import type { SelfTestReport } from './self-test.js';

export class SelfTestRepository {
  constructor(private readonly db: Db) {}

  save(report: SelfTestReport): void {
    this.db
      .prepare('INSERT INTO selftest_reports (id, meeting_id, at, passed, results) VALUES (?, ?, ?, ?, ?)')
      .run(report.id, report.meetingId, report.at, report.passed ? 1 : 0, JSON.stringify(report.results));
  }

  latest(meetingId?: string): SelfTestReport | undefined {
    const row = (
      meetingId
        ? this.db.prepare('SELECT * FROM selftest_reports WHERE meeting_id = ? ORDER BY at DESC LIMIT 1').get(meetingId)
        : this.db.prepare('SELECT * FROM selftest_reports ORDER BY at DESC LIMIT 1').get()
    ) as { id: string; meeting_id: string | null; at: string; passed: number; results: string } | undefined;
    return (
      row && { id: row.id, meetingId: row.meeting_id, at: row.at, passed: row.passed === 1, results: JSON.parse(row.results) as SelfTestReport['results'] }
    );
  }
}
