import { createApp } from "vue";
import App from "./App.vue";
import { createAppI18n } from "./plugins/i18n";
import { createAppRouter } from "./plugins/router";
import { GRAPHQL_CLIENT_KEY } from "./composables/use-graphql-client";
import { createGraphQLClient } from "./graphql/graphql-client";
import "./styles/index.css";

createApp(App)
  .use(createAppRouter())
  .use(createAppI18n())
  .provide(GRAPHQL_CLIENT_KEY, createGraphQLClient())
  .mount("#app");
