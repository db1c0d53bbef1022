import { createApp } from "vue";
import App from "./App.vue";
import { createApolloClient } from "./plugins/apollo";
import { registerECharts } from "./plugins/echarts";
import { createAppI18n } from "./plugins/i18n";
import { createAppRouter } from "./plugins/router";
import { APOLLO_KEY } from "./composables/use-apollo";
import "./styles.css";

registerECharts();
createApp(App)
  .use(createAppRouter())
  .use(createAppI18n())
  .provide(APOLLO_KEY, createApolloClient())
  .mount("#app");
