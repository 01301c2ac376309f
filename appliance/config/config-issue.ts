/** One problem in a config: where it is, what is wrong, and what would be right. */
export interface ConfigIssue {
  path: string;
  message: string;
  allowed?: string;
}
