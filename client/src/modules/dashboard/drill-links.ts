/** Read-only places to look into one province's records from the dashboard. */
export function drillLinks(provinceCode: string): { associations: string; tasks: string; commissioning: string } {
  const code = encodeURIComponent(provinceCode);
  return {
    associations: `/associations?province=${code}`,
    tasks: `/tasks?province=${code}&overdue=1`,
    commissioning: `/commissioning?province=${code}&stage=IN_PROGRESS,SUSPENDED&delayed=1`,
  };
}
