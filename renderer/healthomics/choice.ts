/** What the user ticked in the Add-from-HealthOmics dialog, across its tabs: URLs with a label each. */
export type Choice = {
  has(url: string): boolean;
  set(url: string, on: boolean, label?: string): void;
};
