import { createApp } from "vue";
import App from "./App.vue";
import { createAppI18n } from "./plugins/i18n";
import { createAppRouter } from "./plugins/router";
import { GRAPHQL_CLIENT_KEY } from "./composables/use-graphql-client";
import { createGraphQLClient } from "./graphql/graphql-client";
import "./styles/index.css";

const app = createApp(App)
  .use(createAppRouter())
  .use(createAppI18n())
  .provide(GRAPHQL_CLIENT_KEY, createGraphQLClient());
// Evaluating the modules and rendering the page were one task of 250 ms and more on the phone profile (four times
// slower than a laptop): rendered in the next task, the browser can paint and answer input between the two.
setTimeout(() => app.mount("#app"), 0);
