/** The colour of each disaster grade, lowest first (shared by the survey pages and the public list). */
export const gradeColors: Record<string, string> = {
  简单: 'green',
  中等: 'gold',
  复杂: 'orange',
  极复杂: 'red',
};
