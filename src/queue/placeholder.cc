// queue - placeholder until the first module of this layer lands.
