import { describe, expect, it } from 'vitest';
import { describeActor } from './actors.ts';

describe('describeActor', () => {
  it('shows the system as 系统 with the job’s name, never its label', () => {
    expect(describeActor('system:escalation')).toBe('系统 (逾期升级)');
    expect(describeActor('system:leads')).toBe('系统 (线索研判)');
    expect(describeActor('system:scheduler')).toBe('系统 (定期报告)');
    expect(describeActor('system:seed')).toBe('系统 (演示数据)');
    expect(describeActor('cli:root')).toBe('系统 (命令行)');
    expect(describeActor('accident:yp.admin')).toBe('系统 (事故停产整顿)');
    expect(describeActor('system:something-new')).toBe('系统');
  });

  it('names the public form’s reporter and a one-time link’s recipient', () => {
    expect(describeActor('public')).toBe('举报人');
    expect(describeActor('link:张三')).toBe('张三 (确认链接)');
  });

  it('leaves a person’s name as it is', () => {
    expect(describeActor('原平市执法人员')).toBe('原平市执法人员');
  });
});
