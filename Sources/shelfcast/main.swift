print("shelfcast")
