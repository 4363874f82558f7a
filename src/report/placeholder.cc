// report - placeholder until the first report module lands.
