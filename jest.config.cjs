/** Unit tests run the TypeScript sources; integration tests load dist/Code.js. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: {
          isolatedModules: true,
          module: 'commonjs',
          target: 'ES2020',
          esModuleInterop: true,
          jsx: 'react-jsx',
          jsxImportSource: 'preact',
        },
      },
    ],
  },
  testTimeout: 60000,
  // Both cores run test files (jest's default leaves one to its idle parent): the suite is CPU-bound.
  maxWorkers: 2,
};
